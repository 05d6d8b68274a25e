-- CreateEnum
CREATE TYPE "CycleModel" AS ENUM ('pairs', 'triads', 'panel');

-- CreateEnum
CREATE TYPE "CycleStatus" AS ENUM ('pairing', 'published');

-- CreateEnum
CREATE TYPE "ReportStatus" AS ENUM ('draft', 'agreed', 'published');

-- CreateEnum
CREATE TYPE "ReportScope" AS ENUM ('group', 'region', 'all');

-- CreateEnum
CREATE TYPE "ActionRating" AS ENUM ('on_track', 'at_risk', 'off_track', 'done');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "NotificationKind" ADD VALUE 'review_soon';
ALTER TYPE "NotificationKind" ADD VALUE 'review_due';

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "challengeId" TEXT,
ALTER COLUMN "threadId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "ChallengeCycle" (
    "id" TEXT NOT NULL,
    "regionId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "model" "CycleModel" NOT NULL,
    "status" "CycleStatus" NOT NULL DEFAULT 'pairing',
    "assessmentsDue" TIMESTAMP(3) NOT NULL,
    "windowOpens" TIMESTAMP(3) NOT NULL,
    "windowCloses" TIMESTAMP(3) NOT NULL,
    "reviewsDue" TIMESTAMP(3) NOT NULL,
    "seed" INTEGER NOT NULL DEFAULT 1,
    "warnings" TEXT[],
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedAt" TIMESTAMP(3),
    "publishedById" TEXT,

    CONSTRAINT "ChallengeCycle_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CycleParticipant" (
    "cycleId" TEXT NOT NULL,
    "councilId" TEXT NOT NULL,

    CONSTRAINT "CycleParticipant_pkey" PRIMARY KEY ("cycleId","councilId")
);

-- CreateTable
CREATE TABLE "ChallengeGroup" (
    "id" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "hostCouncilId" TEXT,
    "locked" BOOLEAN NOT NULL DEFAULT false,
    "score" INTEGER NOT NULL DEFAULT 0,
    "reasons" JSONB NOT NULL DEFAULT '[]',
    "spaceId" TEXT,

    CONSTRAINT "ChallengeGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GroupMember" (
    "groupId" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "councilId" TEXT NOT NULL,

    CONSTRAINT "GroupMember_pkey" PRIMARY KEY ("groupId","councilId")
);

-- CreateTable
CREATE TABLE "Challenge" (
    "id" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "hostCouncilId" TEXT NOT NULL,
    "meetingDate" TIMESTAMP(3),
    "reviewDueAt" TIMESTAMP(3),
    "reportContent" JSONB,
    "reportHtml" TEXT NOT NULL DEFAULT '',
    "reportText" TEXT NOT NULL DEFAULT '',
    "reportStatus" "ReportStatus" NOT NULL DEFAULT 'draft',
    "reportScope" "ReportScope",
    "reportAgreedAt" TIMESTAMP(3),
    "reportAgreedById" TEXT,
    "reportPublishedAt" TIMESTAMP(3),
    "reportPublishedById" TEXT,
    "reviewedAt" TIMESTAMP(3),
    "reviewedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Challenge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChallengeFinding" (
    "id" TEXT NOT NULL,
    "challengeId" TEXT NOT NULL,
    "theme" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT NOT NULL,

    CONSTRAINT "ChallengeFinding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChallengeAction" (
    "id" TEXT NOT NULL,
    "challengeId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "dueDate" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT NOT NULL,
    "rating" "ActionRating",
    "ratingNote" TEXT NOT NULL DEFAULT '',
    "ratedAt" TIMESTAMP(3),
    "ratedById" TEXT,

    CONSTRAINT "ChallengeAction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChallengeReminder" (
    "challengeId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChallengeReminder_pkey" PRIMARY KEY ("challengeId","kind")
);

-- CreateIndex
CREATE UNIQUE INDEX "ChallengeCycle_regionId_year_key" ON "ChallengeCycle"("regionId", "year");

-- CreateIndex
CREATE INDEX "CycleParticipant_councilId_idx" ON "CycleParticipant"("councilId");

-- CreateIndex
CREATE UNIQUE INDEX "ChallengeGroup_spaceId_key" ON "ChallengeGroup"("spaceId");

-- CreateIndex
CREATE INDEX "ChallengeGroup_cycleId_idx" ON "ChallengeGroup"("cycleId");

-- CreateIndex
CREATE INDEX "GroupMember_councilId_idx" ON "GroupMember"("councilId");

-- CreateIndex
CREATE UNIQUE INDEX "GroupMember_cycleId_councilId_key" ON "GroupMember"("cycleId", "councilId");

-- CreateIndex
CREATE INDEX "Challenge_cycleId_idx" ON "Challenge"("cycleId");

-- CreateIndex
CREATE INDEX "Challenge_hostCouncilId_idx" ON "Challenge"("hostCouncilId");

-- CreateIndex
CREATE UNIQUE INDEX "Challenge_groupId_hostCouncilId_key" ON "Challenge"("groupId", "hostCouncilId");

-- CreateIndex
CREATE INDEX "ChallengeFinding_challengeId_idx" ON "ChallengeFinding"("challengeId");

-- CreateIndex
CREATE INDEX "ChallengeAction_challengeId_idx" ON "ChallengeAction"("challengeId");

-- AddForeignKey
ALTER TABLE "ChallengeCycle" ADD CONSTRAINT "ChallengeCycle_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CycleParticipant" ADD CONSTRAINT "CycleParticipant_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "ChallengeCycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CycleParticipant" ADD CONSTRAINT "CycleParticipant_councilId_fkey" FOREIGN KEY ("councilId") REFERENCES "Council"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChallengeGroup" ADD CONSTRAINT "ChallengeGroup_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "ChallengeCycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupMember" ADD CONSTRAINT "GroupMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "ChallengeGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupMember" ADD CONSTRAINT "GroupMember_councilId_fkey" FOREIGN KEY ("councilId") REFERENCES "Council"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Challenge" ADD CONSTRAINT "Challenge_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "ChallengeCycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Challenge" ADD CONSTRAINT "Challenge_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "ChallengeGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Challenge" ADD CONSTRAINT "Challenge_hostCouncilId_fkey" FOREIGN KEY ("hostCouncilId") REFERENCES "Council"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChallengeFinding" ADD CONSTRAINT "ChallengeFinding_challengeId_fkey" FOREIGN KEY ("challengeId") REFERENCES "Challenge"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChallengeAction" ADD CONSTRAINT "ChallengeAction_challengeId_fkey" FOREIGN KEY ("challengeId") REFERENCES "Challenge"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChallengeReminder" ADD CONSTRAINT "ChallengeReminder_challengeId_fkey" FOREIGN KEY ("challengeId") REFERENCES "Challenge"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "Post" ADD COLUMN     "html" TEXT NOT NULL DEFAULT '';

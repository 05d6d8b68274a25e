-- AlterEnum
ALTER TYPE "NotificationKind" ADD VALUE 'group_published';

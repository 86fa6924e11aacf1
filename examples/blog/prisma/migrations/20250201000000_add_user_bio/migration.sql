-- AlterTable
ALTER TABLE "User" ADD COLUMN     "bio" TEXT;


/*
  Warnings:

  - Added the required column `email` to the `User` table without a default value. This is not possible if the table is not empty.

*/
-- AlterTable
ALTER TABLE "User" ADD COLUMN     "email" TEXT NOT NULL,
ADD COLUMN     "kind" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "tags" TEXT[];

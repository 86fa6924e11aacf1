-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('USER', 'ADMIN', 'super-admin');

-- CreateTable
CREATE TABLE "Member" (
    "id" INTEGER NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'USER',
    "mapped" "Role" NOT NULL DEFAULT 'super-admin',
    "optRole" "Role" DEFAULT 'ADMIN',

    CONSTRAINT "Member_pkey" PRIMARY KEY ("id")
);


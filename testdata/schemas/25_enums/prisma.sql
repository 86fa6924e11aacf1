-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Status" AS ENUM ('DRAFT', 'published', 'archived value');

-- CreateEnum
CREATE TYPE "priority_level" AS ENUM ('LOW', 'HIGH');

-- CreateEnum
CREATE TYPE "lowercase_enum" AS ENUM ('one', 'two');

-- CreateTable
CREATE TABLE "Post" (
    "id" INTEGER NOT NULL,
    "status" "Status" NOT NULL,
    "priority" "priority_level",
    "lc" "lowercase_enum" NOT NULL DEFAULT 'two',
    "history" "Status"[],

    CONSTRAINT "Post_pkey" PRIMARY KEY ("id")
);


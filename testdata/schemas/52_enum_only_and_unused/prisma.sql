-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Unused" AS ENUM ('ALPHA', 'BETA');

-- CreateEnum
CREATE TYPE "Used" AS ENUM ('ONE');

-- CreateTable
CREATE TABLE "M" (
    "id" INTEGER NOT NULL,
    "used" "Used" NOT NULL,

    CONSTRAINT "M_pkey" PRIMARY KEY ("id")
);


-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Kind" AS ENUM ('X', 'Y');

-- CreateTable
CREATE TABLE "StringId" (
    "id" TEXT NOT NULL,

    CONSTRAINT "StringId_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UuidId" (
    "id" UUID NOT NULL,

    CONSTRAINT "UuidId_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BigIntId" (
    "id" BIGINT NOT NULL,

    CONSTRAINT "BigIntId_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VarcharId" (
    "id" VARCHAR(36) NOT NULL,

    CONSTRAINT "VarcharId_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mapped_ids" (
    "mapped_id" INTEGER NOT NULL,

    CONSTRAINT "mapped_id_pk" PRIMARY KEY ("mapped_id")
);

-- CreateTable
CREATE TABLE "EnumId" (
    "kind" "Kind" NOT NULL,

    CONSTRAINT "EnumId_pkey" PRIMARY KEY ("kind")
);

-- CreateTable
CREATE TABLE "DateTimeId" (
    "at" DATE NOT NULL,

    CONSTRAINT "DateTimeId_pkey" PRIMARY KEY ("at")
);


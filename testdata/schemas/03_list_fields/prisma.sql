-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Color" AS ENUM ('RED', 'GREEN');

-- CreateTable
CREATE TABLE "ScalarLists" (
    "id" INTEGER NOT NULL,
    "strs" TEXT[],
    "ints" INTEGER[],
    "bigInts" BIGINT[],
    "floats" DOUBLE PRECISION[],
    "decimals" DECIMAL(65,30)[],
    "bools" BOOLEAN[],
    "dateTimes" TIMESTAMP(3)[],
    "jsons" JSONB[],
    "bytes" BYTEA[],
    "colors" "Color"[],

    CONSTRAINT "ScalarLists_pkey" PRIMARY KEY ("id")
);


-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Tag" AS ENUM ('A', 'B', 'C');

-- CreateTable
CREATE TABLE "ListDefaults" (
    "id" INTEGER NOT NULL,
    "ints" INTEGER[] DEFAULT ARRAY[1, 2, -3]::INTEGER[],
    "strs" TEXT[] DEFAULT ARRAY['a', 'b''s', 'c"d']::TEXT[],
    "empty" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "floats" DOUBLE PRECISION[] DEFAULT ARRAY[1.5, 2]::DOUBLE PRECISION[],
    "bools" BOOLEAN[] DEFAULT ARRAY[true, false]::BOOLEAN[],
    "tags" "Tag"[] DEFAULT ARRAY['A', 'C']::"Tag"[],
    "noTags" "Tag"[] DEFAULT ARRAY[]::"Tag"[],
    "bigs" BIGINT[] DEFAULT ARRAY[1, 9007199254740993]::BIGINT[],
    "decs" DECIMAL(65,30)[] DEFAULT ARRAY[1.1, 2.2]::DECIMAL(65,30)[],
    "dates" TIMESTAMP(3)[] DEFAULT ARRAY['2020-01-01 00:00:00 +00:00']::TIMESTAMP(3)[],
    "vcs" VARCHAR(5)[] DEFAULT ARRAY['x']::VARCHAR(5)[],

    CONSTRAINT "ListDefaults_pkey" PRIMARY KEY ("id")
);


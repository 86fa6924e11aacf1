-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "NativeDateTimes" (
    "id" INTEGER NOT NULL,
    "timestamp" TIMESTAMP NOT NULL,
    "timestamp0" TIMESTAMP(0) NOT NULL,
    "timestamp6" TIMESTAMP(6) NOT NULL,
    "timestamptz" TIMESTAMPTZ NOT NULL,
    "timestamptz3" TIMESTAMPTZ(3) NOT NULL,
    "date" DATE NOT NULL,
    "time" TIME NOT NULL,
    "time2" TIME(2) NOT NULL,
    "timetz" TIMETZ NOT NULL,
    "timetz4" TIMETZ(4) NOT NULL,

    CONSTRAINT "NativeDateTimes_pkey" PRIMARY KEY ("id")
);


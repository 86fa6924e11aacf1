-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "IntAuto" (
    "id" SERIAL NOT NULL,

    CONSTRAINT "IntAuto_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BigIntAuto" (
    "id" BIGSERIAL NOT NULL,

    CONSTRAINT "BigIntAuto_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SmallIntAuto" (
    "id" SMALLSERIAL NOT NULL,

    CONSTRAINT "SmallIntAuto_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NonIdAuto" (
    "id" TEXT NOT NULL,
    "counter" SERIAL NOT NULL,
    "big" BIGSERIAL NOT NULL,

    CONSTRAINT "NonIdAuto_pkey" PRIMARY KEY ("id")
);


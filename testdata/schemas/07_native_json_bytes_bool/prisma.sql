-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "NativeOther" (
    "id" INTEGER NOT NULL,
    "json" JSON NOT NULL,
    "jsonb" JSONB NOT NULL,
    "bytea" BYTEA NOT NULL,
    "bool" BOOLEAN NOT NULL,

    CONSTRAINT "NativeOther_pkey" PRIMARY KEY ("id")
);


-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "audit";

-- DropTable
DROP TABLE "Log";

-- CreateTable
CREATE TABLE "audit"."Log" (
    "id" INTEGER NOT NULL,

    CONSTRAINT "Log_pkey" PRIMARY KEY ("id")
);


-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "ClientDefaults" (
    "id" TEXT NOT NULL,
    "uuid4" TEXT NOT NULL,
    "uuid7" TEXT NOT NULL,
    "uuidDb" UUID NOT NULL,
    "cuid" TEXT NOT NULL,
    "cuid2" TEXT NOT NULL,
    "nanoid" TEXT NOT NULL,
    "nanoid12" TEXT NOT NULL,
    "ulid" TEXT NOT NULL,
    "vcCuid" VARCHAR(30) NOT NULL,

    CONSTRAINT "ClientDefaults_pkey" PRIMARY KEY ("id")
);


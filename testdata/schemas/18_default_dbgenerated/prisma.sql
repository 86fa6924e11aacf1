-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "DbGenerated" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "idText" TEXT NOT NULL DEFAULT gen_random_uuid(),
    "lowered" TEXT NOT NULL DEFAULT lower('ABC'::text),
    "now" TIMESTAMP(3) NOT NULL DEFAULT now(),
    "nowTz" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expr" INTEGER NOT NULL DEFAULT (1 + 2),
    "castNull" TEXT DEFAULT NULL::text,
    "interval" TIMESTAMP(3) NOT NULL DEFAULT (now() + '1 day'::interval),
    "arr" TEXT[] DEFAULT ARRAY['a'::text],
    "noArgs" INTEGER,

    CONSTRAINT "DbGenerated_pkey" PRIMARY KEY ("id")
);


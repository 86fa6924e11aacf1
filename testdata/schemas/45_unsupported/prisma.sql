-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Doc" (
    "id" INTEGER NOT NULL,
    "embedding" vector(3),
    "search" tsvector,
    "point" point NOT NULL,
    "circle" circle NOT NULL DEFAULT '<(0,0),1>'::circle,
    "ranges" int4range[],
    "money2" numeric(5,1) NOT NULL,
    "geo" tsvector,

    CONSTRAINT "Doc_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Doc_search_idx" ON "Doc" USING GIN ("search");


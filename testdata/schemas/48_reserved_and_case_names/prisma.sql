-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "user" (
    "id" INTEGER NOT NULL,
    "order" INTEGER NOT NULL,
    "select" TEXT NOT NULL,
    "group" TEXT NOT NULL,
    "MixedCase" INTEGER NOT NULL,

    CONSTRAINT "user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "order" (
    "id" INTEGER NOT NULL,
    "table" TEXT NOT NULL,
    "from" INTEGER NOT NULL,

    CONSTRAINT "order_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "snake_case_model" (
    "id" INTEGER NOT NULL,

    CONSTRAINT "snake_case_model_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "order_table_key" ON "order"("table");

-- CreateIndex
CREATE INDEX "order_from_idx" ON "order"("from");


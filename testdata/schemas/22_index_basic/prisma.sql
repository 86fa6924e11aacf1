-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Indexed" (
    "id" INTEGER NOT NULL,
    "a" INTEGER NOT NULL,
    "b" TEXT NOT NULL,
    "c" TIMESTAMP(3) NOT NULL,
    "d" INTEGER NOT NULL,

    CONSTRAINT "Indexed_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Indexed_a_idx" ON "Indexed"("a");

-- CreateIndex
CREATE INDEX "Indexed_a_b_idx" ON "Indexed"("a", "b");

-- CreateIndex
CREATE INDEX "b_custom_idx" ON "Indexed"("b");

-- CreateIndex
CREATE INDEX "Indexed_c_idx" ON "Indexed"("c" DESC);

-- CreateIndex
CREATE INDEX "mixed_sort_idx" ON "Indexed"("d" ASC, "c" DESC);

-- CreateIndex
CREATE INDEX "d_named" ON "Indexed"("d");

-- CreateIndex
CREATE INDEX "Indexed_b_idx" ON "Indexed"("b");


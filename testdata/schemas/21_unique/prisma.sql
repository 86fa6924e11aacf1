-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Uniques" (
    "id" INTEGER NOT NULL,
    "email" TEXT NOT NULL,
    "handle" TEXT NOT NULL,
    "a" INTEGER NOT NULL,
    "b" INTEGER NOT NULL,
    "c" INTEGER NOT NULL,
    "d" INTEGER NOT NULL,
    "e" TEXT NOT NULL,
    "f" TEXT NOT NULL,

    CONSTRAINT "Uniques_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SortedUnique" (
    "id" INTEGER NOT NULL,
    "slug" TEXT NOT NULL,

    CONSTRAINT "SortedUnique_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Uniques_email_key" ON "Uniques"("email");

-- CreateIndex
CREATE UNIQUE INDEX "custom_handle_uq" ON "Uniques"("handle");

-- CreateIndex
CREATE UNIQUE INDEX "Uniques_a_b_key" ON "Uniques"("a", "b");

-- CreateIndex
CREATE UNIQUE INDEX "Uniques_c_d_key" ON "Uniques"("c", "d");

-- CreateIndex
CREATE UNIQUE INDEX "ef_mapped" ON "Uniques"("e", "f");

-- CreateIndex
CREATE UNIQUE INDEX "bc_map" ON "Uniques"("b", "c");

-- CreateIndex
CREATE UNIQUE INDEX "Uniques_d_e_key" ON "Uniques"("d" DESC, "e");

-- CreateIndex
CREATE UNIQUE INDEX "SortedUnique_slug_key" ON "SortedUnique"("slug" DESC);


-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "A" (
    "id" INTEGER NOT NULL,
    "email" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL,

    CONSTRAINT "A_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "A_email_idx" ON "A"("email") WHERE ("active" = true);

-- CreateIndex
CREATE UNIQUE INDEX "A_email_key" ON "A"("email") WHERE (active);


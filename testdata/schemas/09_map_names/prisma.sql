-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "user_accounts" (
    "user_id" INTEGER NOT NULL,
    "first_name" TEXT NOT NULL,
    "last name" TEXT,
    "EMAIL" TEXT NOT NULL,

    CONSTRAINT "user_accounts_pkey" PRIMARY KEY ("user_id")
);

-- CreateTable
CREATE TABLE "Plain" (
    "id" INTEGER NOT NULL,

    CONSTRAINT "Plain_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "user_accounts_EMAIL_key" ON "user_accounts"("EMAIL");


-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Account" (
    "provider" TEXT NOT NULL,
    "number" TEXT NOT NULL,

    CONSTRAINT "Account_pkey" PRIMARY KEY ("provider","number")
);

-- CreateTable
CREATE TABLE "Settings" (
    "id" INTEGER NOT NULL,
    "accountProvider" TEXT NOT NULL,
    "accountNumber" TEXT NOT NULL,

    CONSTRAINT "Settings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Settings_accountProvider_accountNumber_key" ON "Settings"("accountProvider", "accountNumber");

-- AddForeignKey
ALTER TABLE "Settings" ADD CONSTRAINT "Settings_accountProvider_accountNumber_fkey" FOREIGN KEY ("accountProvider", "accountNumber") REFERENCES "Account"("provider", "number") ON DELETE CASCADE ON UPDATE CASCADE;


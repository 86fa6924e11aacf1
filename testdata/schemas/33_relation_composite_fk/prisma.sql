-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Tenant" (
    "tenantId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,

    CONSTRAINT "Tenant_pkey" PRIMARY KEY ("tenantId","code")
);

-- CreateTable
CREATE TABLE "Item" (
    "id" INTEGER NOT NULL,
    "tenantId" INTEGER NOT NULL,
    "tenantCode" TEXT NOT NULL,

    CONSTRAINT "Item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Region" (
    "name" TEXT NOT NULL,
    "zone" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "City" (
    "id" INTEGER NOT NULL,
    "regionName" TEXT,
    "regionZone" INTEGER,

    CONSTRAINT "City_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Region_name_zone_key" ON "Region"("name", "zone");

-- AddForeignKey
ALTER TABLE "Item" ADD CONSTRAINT "Item_tenantId_tenantCode_fkey" FOREIGN KEY ("tenantId", "tenantCode") REFERENCES "Tenant"("tenantId", "code") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "City" ADD CONSTRAINT "City_regionName_regionZone_fkey" FOREIGN KEY ("regionName", "regionZone") REFERENCES "Region"("name", "zone") ON DELETE SET NULL ON UPDATE CASCADE;


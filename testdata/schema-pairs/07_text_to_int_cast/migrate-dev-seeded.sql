/*
  Warnings:

  - Changed the type of `qty` on the `Item` table. No cast exists, the column would be dropped and recreated, which cannot be done if there is data, since the column is required.
  - Changed the type of `price` on the `Item` table. No cast exists, the column would be dropped and recreated, which cannot be done if there is data, since the column is required.

*/
-- AlterTable
ALTER TABLE "Item" DROP COLUMN "qty",
ADD COLUMN     "qty" INTEGER NOT NULL,
DROP COLUMN "price",
ADD COLUMN     "price" DECIMAL(10,2) NOT NULL;

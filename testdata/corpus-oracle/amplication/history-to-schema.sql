-- AlterTable
ALTER TABLE "_BlockVersionToBuild" ADD CONSTRAINT "_BlockVersionToBuild_AB_pkey" PRIMARY KEY ("A", "B");

-- DropIndex
DROP INDEX "_BlockVersionToBuild_AB_unique";

-- AlterTable
ALTER TABLE "_BlockVersionToResourceVersion" ADD CONSTRAINT "_BlockVersionToResourceVersion_AB_pkey" PRIMARY KEY ("A", "B");

-- DropIndex
DROP INDEX "_BlockVersionToResourceVersion_AB_unique";

-- AlterTable
ALTER TABLE "_BuildToEntityVersion" ADD CONSTRAINT "_BuildToEntityVersion_AB_pkey" PRIMARY KEY ("A", "B");

-- DropIndex
DROP INDEX "_BuildToEntityVersion_AB_unique";

-- AlterTable
ALTER TABLE "_EntityPermissionFieldToEntityPermissionRole" ADD CONSTRAINT "_EntityPermissionFieldToEntityPermissionRole_AB_pkey" PRIMARY KEY ("A", "B");

-- DropIndex
DROP INDEX "_EntityPermissionFieldToEntityPermissionRole_AB_unique";

-- AlterTable
ALTER TABLE "_EntityVersionToResourceVersion" ADD CONSTRAINT "_EntityVersionToResourceVersion_AB_pkey" PRIMARY KEY ("A", "B");

-- DropIndex
DROP INDEX "_EntityVersionToResourceVersion_AB_unique";

-- AlterTable
ALTER TABLE "_RoleToTeam" ADD CONSTRAINT "_RoleToTeam_AB_pkey" PRIMARY KEY ("A", "B");

-- DropIndex
DROP INDEX "_RoleToTeam_AB_unique";

-- AlterTable
ALTER TABLE "_RoleToTeamAssignment" ADD CONSTRAINT "_RoleToTeamAssignment_AB_pkey" PRIMARY KEY ("A", "B");

-- DropIndex
DROP INDEX "_RoleToTeamAssignment_AB_unique";

-- AlterTable
ALTER TABLE "_TeamToUser" ADD CONSTRAINT "_TeamToUser_AB_pkey" PRIMARY KEY ("A", "B");

-- DropIndex
DROP INDEX "_TeamToUser_AB_unique";


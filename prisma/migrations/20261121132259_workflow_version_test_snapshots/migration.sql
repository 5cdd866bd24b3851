-- AlterTable
ALTER TABLE "WorkflowVersion" ADD COLUMN     "isTestSnapshot" BOOLEAN NOT NULL DEFAULT false;

-- AlterEnum: the provider kinds Baton calls through each vendor's native API (issue 12).
ALTER TYPE "ProviderKind" ADD VALUE 'azure';
ALTER TYPE "ProviderKind" ADD VALUE 'mistral';
ALTER TYPE "ProviderKind" ADD VALUE 'bedrock';

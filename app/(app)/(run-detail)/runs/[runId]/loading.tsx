export { RunDetailSkeleton as default } from "@/components/run-detail/run-detail-skeleton";

// Only under segments that never call notFound(): see PageSkeleton.
export { PageSkeleton as default } from '@/modules/ui/components/page-skeleton';

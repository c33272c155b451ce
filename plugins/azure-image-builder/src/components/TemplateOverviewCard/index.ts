export { TemplateOverviewCard } from './TemplateOverviewCard';

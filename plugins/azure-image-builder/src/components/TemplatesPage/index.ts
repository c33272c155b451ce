export {
  NfsTemplatesPage,
  TemplatesPage,
  TemplatesPageContent,
} from './TemplatesPage';

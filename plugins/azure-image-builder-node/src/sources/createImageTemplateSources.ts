import { LoggerService } from '@backstage/backend-plugin-api';
import { AzureImageBuilderConfig } from '../config/types';
import { AzureSource, AzureSourceOptions } from './azure';
import { FileSource } from './FileSource';
import { ImageTemplateSource } from './types';

/**
 * One source per configured source (`azureImageBuilder.sources`), in config order. Creating
 * them makes no request: an azure source's credential is created and checked on its first
 * read.
 * @public
 */
export function createImageTemplateSources(
  config: Pick<AzureImageBuilderConfig, 'sources'>,
  options?: {
    /** Relative `file` paths are resolved against it; default: the working directory. */
    baseDir?: string;
    /** Where azure sources log collection failures and their read summaries. */
    logger?: LoggerService;
    /** Further options of every azure source (tests: an injected credential, a CA). */
    azure?: Omit<AzureSourceOptions, 'logger'>;
  },
): ImageTemplateSource[] {
  return config.sources.map((source, i) => {
    switch (source.type) {
      case 'file':
        return new FileSource(source, options);
      case 'azure':
        return new AzureSource(source, {
          ...options?.azure,
          logger: options?.logger,
        });
      default:
        throw new Error(
          `azureImageBuilder.sources[${i}] (id "${
            (source as { id?: string }).id
          }"): unknown type "${(source as { type?: string }).type}"`,
        );
    }
  });
}

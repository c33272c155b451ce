import { NotImplementedError } from '@backstage/errors';
import { AzureImageBuilderConfig } from '../config/types';
import { FileSource } from './FileSource';
import { ImageTemplateSource } from './types';

/**
 * One source per configured source (`azureImageBuilder.sources`), in config order. `type: azure`
 * is validated by the config reader but has no implementation yet: it throws, naming the source,
 * instead of silently ingesting nothing.
 * @public
 */
export function createImageTemplateSources(
  config: Pick<AzureImageBuilderConfig, 'sources'>,
  options?: { baseDir?: string },
): ImageTemplateSource[] {
  return config.sources.map((source, i) => {
    switch (source.type) {
      case 'file':
        return new FileSource(source, options);
      case 'azure':
        throw new NotImplementedError(
          `azureImageBuilder.sources[${i}] (id "${source.id}"): type "azure" is not available in this version`,
        );
      default:
        throw new Error(
          `azureImageBuilder.sources[${i}] (id "${
            (source as { id?: string }).id
          }"): unknown type "${(source as { type?: string }).type}"`,
        );
    }
  });
}

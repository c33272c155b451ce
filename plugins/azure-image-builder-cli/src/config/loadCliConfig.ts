import {
  AzureImageBuilderConfig,
  readAzureImageBuilderConfig,
  redactString,
} from '@aib-scorecards/plugin-azure-image-builder-node';
import { ConfigReader } from '@backstage/config';
import { ConfigSources } from '@backstage/config-loader';
import { JsonObject } from '@backstage/types';
import path from 'node:path';
import { CliError } from '../io';

/** The first line of a loader error, without the file's text it may quote. */
function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return redactString(message.split('\n')[0].trim());
}

async function readConfigFile(file: string, cwd: string) {
  // Backstage's own loader, so `$include`, `$env`, `$file` and `${VAR}` work as in the backend.
  const source = ConfigSources.defaultForTargets({
    rootDir: cwd,
    watch: false,
    targets: [{ type: 'path', target: path.resolve(cwd, file) }],
  });
  try {
    const config = await ConfigSources.toConfig(source);
    config.close();
    const data = config.getOptional();
    return (data ?? {}) as JsonObject;
  } catch (error) {
    throw new CliError(`${file}: could not read config (${reason(error)})`);
  }
}

/**
 * The `azureImageBuilder` block (rules, exemptions, ownership) of the given app-config files,
 * later files overriding earlier ones as in Backstage; the defaults when none is given. Errors name
 * the file and the key.
 */
export async function loadCliConfig(
  files: readonly string[],
  cwd: string,
): Promise<AzureImageBuilderConfig> {
  const configs: Array<{ context: string; data: JsonObject }> = [];
  for (const file of files) {
    configs.push({ context: file, data: await readConfigFile(file, cwd) });
  }
  try {
    return readAzureImageBuilderConfig(ConfigReader.fromConfigs(configs));
  } catch (error) {
    throw new CliError(`${files.join(', ') || 'config'}: ${reason(error)}`);
  }
}

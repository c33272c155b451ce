import { Evidence } from '@aib-scorecards/plugin-azure-image-builder-common';
import {
  galleryRegions,
  isDistributorType,
  readDistribution,
  regionKey,
} from './distributors';
import { defineRule, isArmExpression, observed } from './util';

/**
 * RULES.md #3: the images are distributed to two or more distinct regions. Regions: a SharedImage
 * distributor's `targetRegions[].name` and `replicationRegions[]` (none listed: the template's
 * location); a ManagedImage distributor's `location`; the template's location for a VHD.
 * @public
 */
export const drMultiRegionDistributionRule = defineRule(
  'dr-multi-region-distribution',
  ({ template }) => {
    const distribution = readDistribution(template);
    /** Distinct regions by comparison key, with the first spelling seen. */
    const regions = new Map<string, string>();
    const evidence: Evidence[] = [];
    const unresolved: Evidence[] = [...distribution.unresolved];
    const undecided: string[] = distribution.unresolved.map(e => e.path!);

    const addRegion = (name: unknown, path: string, note: string) => {
      const key = regionKey(name);
      if (key === undefined) {
        undecided.push(path);
        evidence.push({
          path,
          observed: observed(name),
          note: `${note}; ${
            isArmExpression(name)
              ? 'unresolved ARM template expression'
              : 'no region name'
          }`,
        });
        return;
      }
      evidence.push({ path, observed: observed(name), note });
      if (!regions.has(key)) regions.set(key, name as string);
    };

    for (const entry of distribution.entries) {
      const label = `distributor #${entry.index}`;
      if (isDistributorType(entry, 'SharedImage')) {
        const gallery = galleryRegions(template, entry);
        unresolved.push(...gallery.unresolved);
        undecided.push(...gallery.unresolved.map(e => e.path!));
        for (const region of gallery.regions) {
          addRegion(
            region.name,
            region.path,
            region.source === 'templateLocation'
              ? `SharedImage ${label} lists no region: the template's location`
              : `SharedImage ${label} (${region.source})`,
          );
        }
      } else if (isDistributorType(entry, 'ManagedImage')) {
        addRegion(
          entry.value.location,
          `${entry.path}.location`,
          `ManagedImage ${label}`,
        );
      } else if (isDistributorType(entry, 'VHD')) {
        addRegion(
          template.location,
          'location',
          `VHD ${label}: the template's location`,
        );
      }
    }

    const names = [...regions.values()];
    if (regions.size >= 2) {
      return {
        status: 'pass',
        message: `Images are distributed to ${
          regions.size
        } regions: ${names.join(', ')}`,
        evidence,
      };
    }
    if (undecided.length > 0) {
      return {
        status: 'unknown',
        message: `Whether images are distributed to two or more regions is unknown: no region could be read at ${undecided.join(
          ', ',
        )} (unresolved template expression or absent)${
          names.length > 0 ? `; known region: ${names[0]}` : ''
        }`,
        evidence: [...evidence, ...unresolved],
      };
    }
    if (regions.size === 1) {
      return {
        status: 'fail',
        message: `Images are distributed to one region only (${names[0]}): distribute to a second region so that a regional outage does not stop deployments`,
        evidence,
      };
    }
    return {
      status: 'fail',
      message:
        'The template distributes images to no region (properties.distribute has no ManagedImage, SharedImage or VHD distributor)',
      evidence: [
        {
          path: 'properties.distribute',
          observed: observed(
            (template.properties as { distribute?: unknown } | undefined)
              ?.distribute,
          ),
          expected: 'distributors to two or more regions',
        },
      ],
    };
  },
);

import Link from '@material-ui/core/Link';
import { makeStyles } from '@material-ui/core/styles';
import OpenInNewIcon from '@material-ui/icons/OpenInNew';
import { Scorecard } from '@aib-scorecards/plugin-azure-image-builder-common';
import { safeHttpUrl } from './format';
import {
  armResourceName,
  azurePortalUrl,
  portalBaseFromViewUrl,
} from './portal';

const useStyles = makeStyles(theme => ({
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    '& li + li': { marginTop: theme.spacing(0.5) },
  },
  link: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    overflowWrap: 'anywhere',
  },
  kind: { color: theme.palette.text.secondary },
  visuallyHidden: {
    position: 'absolute',
    width: 1,
    height: 1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
}));

/** One link of {@link azureLinks}: what it opens and where. */
export interface AzureLink {
  /** "Template", "Staging resource group", "Identity", "Build VM identity". */
  kind: string;
  /** The resource's name. */
  name: string;
  href: string;
}

/**
 * The Azure portal pages of a template, its staging resource group and its identities. The
 * template links to the entity's view URL when it has one; the others are built from their
 * resource ids on the same portal (and tenant) as the view URL.
 */
export function azureLinks(
  scorecard: Scorecard,
  viewUrl?: string,
): AzureLink[] {
  const base = portalBaseFromViewUrl(viewUrl);
  const links: AzureLink[] = [];
  const template =
    safeHttpUrl(viewUrl) ?? azurePortalUrl(scorecard.resourceId, base);
  if (template) {
    links.push({
      kind: 'Template',
      name: scorecard.templateName,
      href: template,
    });
  }
  const facts = scorecard.facts;
  const add = (kind: string, id: string | undefined) => {
    const href = azurePortalUrl(id, base);
    if (id && href) links.push({ kind, name: armResourceName(id), href });
  };
  add('Staging resource group', facts?.stagingResourceGroup);
  for (const id of facts?.identities ?? []) add('Identity', id);
  for (const id of facts?.buildVmIdentities ?? []) add('Build VM identity', id);
  return links;
}

// "Build VM identity" → "build VM identity": the kind inside a sentence.
function lowerFirst(text: string): string {
  return text.charAt(0).toLocaleLowerCase('en-US') + text.slice(1);
}

/** The links of {@link azureLinks} as a list; each opens the portal in a new tab. */
export function AzureLinkList(props: { links: AzureLink[] }) {
  const classes = useStyles();
  return (
    <ul className={classes.list} aria-label="Azure portal links">
      {props.links.map(link => (
        <li key={`${link.kind}:${link.href}`}>
          <span className={classes.kind}>{link.kind}: </span>
          <Link
            className={classes.link}
            href={link.href}
            target="_blank"
            rel="noopener noreferrer"
          >
            {link.name}{' '}
            <span className={classes.visuallyHidden}>
              ({lowerFirst(link.kind)} in the Azure portal, opens in a new tab)
            </span>
            <OpenInNewIcon fontSize="inherit" aria-hidden="true" />
          </Link>
        </li>
      ))}
    </ul>
  );
}

import { useState } from 'react';
import Button from '@material-ui/core/Button';
import GetAppIcon from '@material-ui/icons/GetApp';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { TemplateListQuery } from '@aib-scorecards/plugin-azure-image-builder-common';
import { azureImageBuilderApiRef } from '../../api';

/** Saves a blob as a file through a temporary link. */
export function saveBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The backend's own message for a ResponseError ("Request failed with 500" says little). */
function describeError(error: unknown): string {
  if (error instanceof ResponseError) {
    return error.body?.error?.message || error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Downloads every template matching the current filters as CSV. The file is fetched through the
 * API client (so the user's token is sent) rather than linked, which would send no credentials.
 */
export function ExportCsvButton(props: { query: TemplateListQuery }) {
  const { offset: _offset, limit: _limit, ...filters } = props.query;
  const api = useApi(azureImageBuilderApiRef);
  const alertApi = useApi(alertApiRef);
  const [busy, setBusy] = useState(false);

  const exportCsv = async () => {
    setBusy(true);
    try {
      const blob = await api.exportTemplatesCsv(filters);
      const date = new Date().toISOString().slice(0, 10);
      saveBlob(blob, `image-templates-${date}.csv`);
    } catch (e) {
      alertApi.post({
        message: `Could not export the templates: ${describeError(e)}`,
        severity: 'error',
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button
      variant="outlined"
      color="primary"
      startIcon={<GetAppIcon aria-hidden="true" />}
      onClick={exportCsv}
      disabled={busy}
      aria-busy={busy}
    >
      {busy ? 'Exporting…' : 'Export CSV'}
    </Button>
  );
}

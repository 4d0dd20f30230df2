// Saving text as a file from an extension page: a Blob URL clicked through an <a download>, which
// needs no `downloads` permission. The URL is revoked once the click has been handed over.
export function downloadText(doc: Document, fileName: string, text: string, contentType: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${contentType};charset=utf-8` }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  doc.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}

/** The longest side a photo is sent at: enough to see vans and vests, small on a slow line. */
const LONGEST_SIDE = 1600;

/**
 * A photo as a `data:` URL for a report or an outcome. Pictures the browser can draw are
 * scaled down and re-encoded here (which also drops their metadata before they leave the
 * phone); anything else is sent as it is, for the server to refuse with a clear reason.
 */
export async function photoAsDataUrl(file: File): Promise<string> {
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, LONGEST_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext("2d")?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    return canvas.toDataURL("image/jpeg", 0.82);
  } catch {
    return await new Promise<string>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.onerror = () => reject(new Error("The photo could not be read."));
      reader.readAsDataURL(file);
    });
  }
}

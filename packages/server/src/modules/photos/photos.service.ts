import { randomUUID } from "node:crypto";
import type { FieldCrypto } from "../../crypto/field-crypto.ts";
import type { Tx } from "../../db/schema.ts";
import { AppError, invalid, notFound } from "../../errors.ts";
import type { Actor, AuditService } from "../audit/audit.service.ts";
import type { PhotoOwner, PhotosRepository } from "./photos.repository.ts";

/** The largest photo accepted, before it is re-encoded. */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
/** A photo's base64 text is a third longer than its bytes. */
export const MAX_PHOTO_BASE64 = Math.ceil(MAX_PHOTO_BYTES / 3) * 4;
const LONGEST_SIDE = 2048;
const IMAGE = "photos.image";

/** A photo checked, stripped and re-encoded, ready to store. */
export interface CleanPhoto {
  jpeg: Buffer;
}

/**
 * Photos from reporters and responders. Every photo is decoded and re-encoded as a plain JPEG:
 * EXIF, GPS, XMP, ICC and maker notes never reach the database (a photo's metadata can locate
 * and identify the person who took it). Stored sealed; every view is an audited read.
 */
export class PhotosService {
  readonly #photos: PhotosRepository;
  readonly #crypto: FieldCrypto;
  readonly #audit: AuditService;
  readonly #now: () => Date;
  constructor(
    photos: PhotosRepository,
    crypto: FieldCrypto,
    audit: AuditService,
    now: () => Date = () => new Date(),
  ) {
    this.#photos = photos;
    this.#crypto = crypto;
    this.#audit = audit;
    this.#now = now;
  }

  /**
   * Decodes a photo sent as base64 (or a `data:image/…;base64,` URL), refuses what is not an
   * image or is too large, and returns it re-encoded without any metadata. Stores nothing.
   */
  async clean(base64: string, field = "photo"): Promise<CleanPhoto> {
    const data = base64.replace(/^data:[^,]{0,100},/, "");
    if (data.length > MAX_PHOTO_BASE64 + 4)
      throw new AppError(
        "too_large",
        "PHOTO_TOO_LARGE",
        `The photo is larger than ${MAX_PHOTO_BYTES / 1024 / 1024} MB. Send a smaller one, or send the report without it.`,
        { field },
      );
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data))
      throw invalid("PHOTO_NOT_BASE64", "The photo did not arrive whole. Try attaching it again.", {
        field,
      });
    const bytes = Buffer.from(data, "base64");
    // Loaded when a photo arrives, not when any `aviso` command starts.
    const { default: sharp } = await import("sharp");
    try {
      const image = sharp(bytes, { limitInputPixels: 50_000_000, failOn: "error" });
      const { format } = await image.metadata();
      if (!format || !["jpeg", "png", "webp", "heif", "avif", "gif", "tiff"].includes(format))
        throw new Error(`unsupported format ${format}`);
      // rotate() first applies the EXIF orientation; the output keeps no metadata at all
      // because sharp drops it unless told to keep it (withMetadata / keepExif are never used).
      const jpeg = await image
        .rotate()
        .resize({
          width: LONGEST_SIDE,
          height: LONGEST_SIDE,
          fit: "inside",
          withoutEnlargement: true,
        })
        .jpeg({ quality: 80, mozjpeg: false })
        .toBuffer();
      return { jpeg };
    } catch {
      throw invalid(
        "PHOTO_NOT_AN_IMAGE",
        "That file is not a photo we can read. Send a JPEG, PNG, WebP or HEIC picture, or no photo.",
        { field },
      );
    }
  }

  async store(owner: PhotoOwner, ownerId: string, photo: CleanPhoto, within?: Tx): Promise<string> {
    const id = randomUUID();
    await this.#photos.insert(
      {
        id,
        owner_type: owner,
        owner_id: ownerId,
        image_enc: this.#crypto.encrypt(photo.jpeg.toString("base64"), IMAGE),
        bytes: photo.jpeg.length,
        created_at: this.#now().toISOString(),
      },
      within,
    );
    return id;
  }

  /** The ids of the photos of each owner. */
  async idsFor(owner: PhotoOwner, ownerIds: string[]): Promise<Map<string, string[]>> {
    const byOwner = new Map<string, string[]>();
    for (const row of await this.#photos.idsFor(owner, ownerIds))
      byOwner.set(row.owner_id, [...(byOwner.get(row.owner_id) ?? []), row.id]);
    return byOwner;
  }

  /**
   * One photo's JPEG bytes: an audited read. `mayRead` says whether this reader may see a
   * photo of that owner (a responder: only those of their own requests).
   */
  async read(
    id: string,
    actor: Actor,
    mayRead: (owner: PhotoOwner, ownerId: string) => Promise<boolean> = async () => true,
  ): Promise<Buffer> {
    const row = await this.#photos.findById(id);
    if (!row || !(await mayRead(row.owner_type as PhotoOwner, row.owner_id)))
      throw notFound("PHOTO_NOT_FOUND", `No photo has the id ${id}`);
    await this.#audit.record({
      actor,
      action: "photo.read",
      subject: { type: row.owner_type, id: row.owner_id },
      details: { photo: id },
    });
    return Buffer.from(this.#crypto.decrypt(row.image_enc, IMAGE), "base64");
  }

  async discardFor(owner: PhotoOwner, ownerId: string): Promise<number> {
    return this.#photos.deleteFor(owner, ownerId);
  }

  async inventory() {
    return this.#photos.inventory();
  }

  /** Retention: photos go with the precise points, after the same number of days. */
  async purge(cutoff: string, dryRun: boolean): Promise<number> {
    return this.#photos.deleteBefore(cutoff, dryRun);
  }
}

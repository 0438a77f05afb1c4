// Reads a plain TCP or Unix socket into memory the connection reuses, through Node's
// `onread`, instead of the default: a fresh 64 KiB Buffer per read, pushed through the
// readable-stream machinery. A read whose bytes the decoder did not keep (every reply
// decoded to strings, numbers, copies) leaves its memory free for the next read; one it
// kept views of (Buffer replies) is left alone, and the next read goes after it, or into
// a fresh block once too little room is left. Fewer 64 KiB allocations per read also mean
// less malloc churn, which on glibc can return memory to the system and fault it back in.
import type { OnReadOpts } from "node:net";

/** Each block of read memory. Node's default read size. */
const BLOCK_BYTES = 64 * 1024;
/** A read never gets less room than this; below it, a fresh block is started. */
const MIN_READ_BYTES = 16 * 1024;
/** The rest of a large payload is read straight into its place from this size on. */
const DIRECT_READ_BYTES = 16 * 1024;

/**
 * The `onread` option for one socket. `deliver` decodes the bytes read and returns whether
 * views of them were kept (RespDecoder.keptInput); `payloadRoom` gives the rest of a large
 * payload being collected (RespDecoder.payloadRoom), read into directly: no copy.
 */
export function reusedReadMemory(
  deliver: (chunk: Buffer) => boolean,
  payloadRoom: () => Buffer | undefined,
): OnReadOpts {
  let block: Buffer | undefined;
  /** Start of the room not kept by an earlier read. */
  let offset = 0;
  /** `block` from `offset` on: where the next read lands. */
  let room: Buffer | undefined;
  /** The last read went into a payload's own memory, not the block. */
  let direct = false;
  return {
    buffer: (): Buffer => {
      const payload = payloadRoom();
      direct = payload !== undefined && payload.length >= DIRECT_READ_BYTES;
      if (direct) return payload as Buffer;
      if (room !== undefined) return room;
      if (block === undefined || block.length - offset < MIN_READ_BYTES) {
        block = Buffer.allocUnsafeSlow(BLOCK_BYTES);
        offset = 0;
      }
      room = block.subarray(offset);
      return room;
    },
    callback: (bytesRead: number, buffer: Uint8Array): boolean => {
      // Kept unless told otherwise: a throwing decoder callback may have kept views.
      let kept = true;
      try {
        kept = deliver((buffer as Buffer).subarray(0, bytesRead));
      } finally {
        if (kept && !direct) {
          offset += bytesRead;
          room = undefined;
        }
      }
      // false would pause the socket.
      return true;
    },
  };
}

// Loaded with `node --import` into a child server by crash-point tests: kills the process with SIGKILL at one exact
// point of a write, chosen by environment, without any hook in Parley's own code.
//   PARLEY_TEST_FAULT=before-persist  the first write carrying PARLEY_TEST_FAULT_MARKER never reaches the file
//   PARLEY_TEST_FAULT=after-persist   the process dies right after the fsync (or fdatasync) of the first write carrying
//                                     it, or right after that write itself when its file was opened with O_DSYNC or
//                                     O_SYNC (the journal's segments: the write returns once it is on disk)
// Writes go through FileHandle (writeFile/write/writev, then sync or datasync, or synchronised writes), which is how the
// store's journal and its atomic JSON files write; the marker is matched in the bytes written.
import { constants, readFileSync } from "node:fs";
import { open } from "node:fs/promises";

const mode = process.env.PARLEY_TEST_FAULT;
const marker = process.env.PARLEY_TEST_FAULT_MARKER;

if (mode && marker) {
  const probe = await open(process.execPath, "r");
  const proto = Object.getPrototypeOf(probe);
  await probe.close();
  const carrying = new WeakSet();
  const die = () => process.kill(process.pid, "SIGKILL");
  // The open flags of a descriptor, from /proc (octal "flags:" line): whether each write is synchronised.
  const synchronised = (fd) => {
    const flags = parseInt(/^flags:\s*([0-7]+)/m.exec(readFileSync(`/proc/self/fdinfo/${fd}`, "utf8"))?.[1] ?? "0", 8);
    return (flags & (constants.O_DSYNC | constants.O_SYNC)) !== 0;
  };
  const hasMarker = (data) => {
    if (typeof data === "string") return data.includes(marker);
    if (Array.isArray(data)) return data.some(hasMarker);
    if (data && typeof data === "object" && "buffer" in data) return Buffer.from(data.buffer, data.byteOffset, data.byteLength).includes(marker);
    return false;
  };
  for (const name of ["writeFile", "write", "writev"]) {
    const original = proto[name];
    proto[name] = function (data, ...rest) {
      if (hasMarker(data)) {
        if (mode === "before-persist") {
          die();
          return new Promise(() => {});
        }
        carrying.add(this);
        if (mode === "after-persist" && synchronised(this.fd)) {
          return original.call(this, data, ...rest).then((result) => {
            die();
            return result;
          });
        }
      }
      return original.call(this, data, ...rest);
    };
  }
  for (const name of ["sync", "datasync"]) {
    const flush = proto[name];
    proto[name] = async function (...args) {
      const result = await flush.apply(this, args);
      if (mode === "after-persist" && carrying.has(this)) die();
      return result;
    };
  }
}

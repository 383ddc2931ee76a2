/** Real leading bytes of each kind of file, padded to a size (the checks read the first bytes only). */
const pad = (head: Buffer, size: number) =>
  Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length), 0x20)])

export const samples = {
  png: (size = 2048) =>
    pad(
      Buffer.from(
        '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
          '1f15c4890000000a49444154789c6300010000050001',
        'hex',
      ),
      size,
    ),
  jpg: (size = 2048) => pad(Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'), size),
  pdf: (size = 2048) =>
    pad(Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1'), size),
  exe: (size = 2048) => {
    const b = pad(Buffer.from('4d5a90000300000004000000ffff0000', 'hex'), size)
    b.writeUInt32LE(0x80, 0x3c)
    Buffer.from('PE\0\0', 'latin1').copy(b, 0x80)
    return b
  },
  text: (text = 'Grommets on the left side, re-stitch the valance.\n') => Buffer.from(text, 'utf8'),
}

using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Sparkle.Db.Benchmarks;

/// <summary>
/// A minimal RGB raster with a PNG encoder (IHDR, one zlib IDAT, IEND; filter 0) and a 3×5 pixel font for
/// digits and a few signs — enough for a labelled bar chart without any drawing library.
/// </summary>
public sealed class PngImage(int width, int height)
{
    private static readonly Dictionary<char, string> Font = new()
    {
        ['0'] = "111101101101111", ['1'] = "010110010010111", ['2'] = "111001111100111", ['3'] = "111001111001111",
        ['4'] = "101101111001001", ['5'] = "111100111001111", ['6'] = "111100111101111", ['7'] = "111001010010010",
        ['8'] = "111101111101111", ['9'] = "111101111001111", ['.'] = "000000000000010", ['x'] = "000101010101000",
        ['-'] = "000000111000000", ['#'] = "101111101111101", ['<'] = "001010100010001", ['>'] = "100010001010100",
        [' '] = "000000000000000", ['?'] = "111001011000010",
    };

    private readonly byte[] _pixels = Fill(width, height);

    public int Width => width;

    public int Height => height;

    public void Set(int x, int y, (byte R, byte G, byte B) color)
    {
        if (x < 0 || y < 0 || x >= width || y >= height)
        {
            return;
        }

        var i = (y * width + x) * 3;
        (_pixels[i], _pixels[i + 1], _pixels[i + 2]) = color;
    }

    public (byte R, byte G, byte B) Get(int x, int y)
    {
        var i = (y * width + x) * 3;
        return (_pixels[i], _pixels[i + 1], _pixels[i + 2]);
    }

    public void Rect(int x, int y, int w, int h, (byte, byte, byte) color)
    {
        for (var yy = y; yy < y + h; yy++)
        {
            for (var xx = x; xx < x + w; xx++)
            {
                Set(xx, yy, color);
            }
        }
    }

    /// <summary>Draws text in the 3×5 font, each font pixel a scale×scale square; unknown characters are skipped.</summary>
    public void Text(int x, int y, string text, (byte, byte, byte) color, int scale = 2)
    {
        foreach (var c in text)
        {
            if (Font.TryGetValue(c, out var glyph))
            {
                for (var i = 0; i < 15; i++)
                {
                    if (glyph[i] == '1')
                    {
                        Rect(x + (i % 3) * scale, y + (i / 3) * scale, scale, scale, color);
                    }
                }
            }

            x += 4 * scale;
        }
    }

    public static int TextWidth(string text, int scale = 2) => text.Length * 4 * scale;

    public byte[] Encode()
    {
        using var output = new MemoryStream();
        output.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // colour type RGB
        Chunk(output, "IHDR", header);

        using var raw = new MemoryStream();
        using (var zlib = new ZLibStream(raw, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (var y = 0; y < height; y++)
            {
                zlib.WriteByte(0);
                zlib.Write(_pixels, y * width * 3, width * 3);
            }
        }

        Chunk(output, "IDAT", raw.ToArray());
        Chunk(output, "IEND", []);
        return output.ToArray();
    }

    private static void Chunk(Stream output, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        output.Write(length);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        output.Write(typeBytes);
        output.Write(data);
        var crc = Crc32(typeBytes, data);
        BinaryPrimitives.WriteUInt32BigEndian(length, crc);
        output.Write(length);
    }

    internal static uint Crc32(byte[] type, byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in type.Concat(data))
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }

    private static byte[] Fill(int width, int height)
    {
        var pixels = new byte[width * height * 3];
        Array.Fill(pixels, (byte)255);
        return pixels;
    }
}

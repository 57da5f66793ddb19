import { describe, expect } from "vitest";
import {
  decodeTrack,
  encodeTrack,
  LAVASRC_PREFIXES,
  LAVASRC_SOURCE_NAMES,
  type LoadResult,
  STREAM_LENGTH,
} from "../../src/index.js";
import { createTestEnvironment, TEST_PASSWORD, type TestEnvironment } from "../../src/testing/index.js";
import { sonoraTest as test } from "../../src/testing/vitest.js";

/** The raw `GET /v4/loadtracks` answer, as a node sends it. */
async function load(sonora: TestEnvironment, identifier: string): Promise<LoadResult> {
  const url = `${sonora.simulator.url}/v4/loadtracks?identifier=${encodeURIComponent(identifier)}`;
  const res = await fetch(url, { headers: { Authorization: TEST_PASSWORD } });
  expect(res.status).toBe(200);
  return (await res.json()) as LoadResult;
}

const SEARCHES: readonly [string, string][] = Object.entries(LAVASRC_PREFIXES.search).map(([, prefix]) => [
  prefix,
  {
    "spsearch:": "spotify",
    "amsearch:": "applemusic",
    "dzsearch:": "deezer",
    "ymsearch:": "yandexmusic",
    "vksearch:": "vkmusic",
    "tdsearch:": "tidal",
    "qbsearch:": "qobuz",
    "jssearch:": "jiosaavn",
  }[prefix] as string,
]);

/** Java's modified UTF-8: one to three bytes per UTF-16 unit (an emoji is two 3-byte surrogates). */
function modifiedUtf8(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      text += String.fromCharCode(b);
      i += 1;
    } else if (b < 0xe0) {
      text += String.fromCharCode(((b & 0x1f) << 6) | ((bytes[i + 1] ?? 0) & 0x3f));
      i += 2;
    } else {
      text += String.fromCharCode(
        ((b & 0x0f) << 12) | (((bytes[i + 1] ?? 0) & 0x3f) << 6) | ((bytes[i + 2] ?? 0) & 0x3f),
      );
      i += 3;
    }
  }
  return text;
}

/** Reads ExtendedAudioSourceManager's bytes back: five nullable texts, then isPreview. */
function extendedFields(sourceData: Uint8Array): (string | boolean | null)[] {
  const out: (string | boolean | null)[] = [];
  let at = 0;
  for (let i = 0; i < 5; i++) {
    if (sourceData[at] === 0) {
      out.push(null);
      at += 1;
      continue;
    }
    const length = ((sourceData[at + 1] ?? 0) << 8) | (sourceData[at + 2] ?? 0);
    out.push(modifiedUtf8(sourceData.subarray(at + 3, at + 3 + length)));
    at += 3 + length;
  }
  expect(sourceData.length).toBe(at + 1);
  out.push(sourceData[at] === 1);
  return out;
}

describe("LavaSrc's sources in the simulator (release 4.8)", () => {
  test.for(SEARCHES)("%s answers a search of %s tracks", async ([prefix, source], { sonora }) => {
    const result = await sonora.client.load(`${prefix}daft punk`);
    expect(result.loadType).toBe("search");
    expect(result.tracks.length).toBeGreaterThan(0);
    for (const track of result.tracks) {
      expect(track.info.sourceName).toBe(source);
      // LavaSrcAudioPluginInfoModifier: every field present; isLocal only on Spotify.
      expect(Object.keys(track.pluginInfo).sort()).toEqual(
        [
          "albumName",
          "albumUrl",
          "artistArtworkUrl",
          "artistUrl",
          "isPreview",
          "previewUrl",
          ...(source === "spotify" ? ["isLocal"] : []),
        ].sort(),
      );
      expect(track.pluginInfo.isPreview).toBe(false);
    }
    expect(LAVASRC_SOURCE_NAMES).toContain(source);
  });

  test("recommendation identifiers load LavaSrc's recommendation playlists", async ({ sonora }) => {
    const cases: [string, string, string, Record<string, unknown>][] = [
      ["sprec:4uLU6hMCjMI75M1A2tKUQC", "spotify", "Spotify Recommendations", {}],
      ["sprec:mix:isrc:USUM71703861", "spotify", "Spotify Recommendations", {}],
      ["dzrec:artist=27", "deezer", "Deezer Recommendations", {}],
      ["ymrec:33311009", "yandexmusic", "Yandex Music Recommendations", {}],
      ["vkrec:-2001234567_456239017", "vkmusic", "Vk Music Recommendations", {}],
      ["qbrec:64868955", "qobuz", "Qobuz Recommendations", { author: "Qobuz" }],
      ["jsrec:OqyNBPvG", "jiosaavn", "JioSaavn Recommendations", { url: "OqyNBPvG", author: "Saavn Editor" }],
    ];
    for (const [identifier, source, name, extra] of cases) {
      const result = await load(sonora, identifier);
      expect(result.loadType, identifier).toBe("playlist");
      if (result.loadType !== "playlist") continue;
      expect(result.data.info).toEqual({ name, selectedTrack: -1 });
      expect(result.data.pluginInfo).toEqual({
        type: "recommendations",
        url: null,
        artworkUrl: null,
        author: null,
        totalTracks: result.data.tracks.length,
        ...extra,
      });
      expect(result.data.tracks.every((t) => t.info.sourceName === source)).toBe(true);
    }
    // Tidal answers with the seed's track mix: a plain playlist without LavaSrc's pluginInfo.
    const tidal = await load(sonora, "tdrec:77640617");
    expect(tidal.loadType === "playlist" && tidal.data.info.name).toMatch(/^Mix: [0-9a-f]{30}$/);
    expect(tidal.loadType === "playlist" && tidal.data.pluginInfo).toEqual({});
  });

  test("bad recommendation seeds: empty, or the manager's exception as a fault", async ({ sonora }) => {
    for (const identifier of ["vkrec:nope", "qbrec:abc", "dzrec:not a seed", "sprec:"]) {
      expect((await load(sonora, identifier)).loadType, identifier).toBe("empty");
    }
    const yandex = await load(sonora, "ymrec:abc");
    expect(yandex).toMatchObject({
      loadType: "error",
      data: {
        message: "Something went wrong when looking up the track",
        severity: "fault",
        cause: "java.lang.IllegalArgumentException: The yandex music track identifier must be a number",
      },
    });
    const tidal = await load(sonora, "tdrec:");
    expect(tidal.loadType === "error" && tidal.data.cause).toBe(
      "java.lang.IllegalArgumentException: No track ID provided for recommendations",
    );
  });

  test("ISRC identifiers load the track whose isrc matches", async ({ sonora }) => {
    for (const [prefix, source] of Object.entries({ "dzisrc:": "deezer", "qbisrc:": "qobuz" })) {
      const result = await sonora.client.load(`${prefix}USUM71703861`);
      expect(result.loadType).toBe("track");
      expect(result.tracks[0]?.info).toMatchObject({ isrc: "USUM71703861", sourceName: source });
      // The same identifier always loads the same track.
      expect((await sonora.client.load(`${prefix}USUM71703861`)).tracks[0]?.encoded).toBe(
        result.tracks[0]?.encoded,
      );
      expect((await load(sonora, `${prefix}not-an-isrc`)).loadType).toBe("empty");
    }
    expect(Object.keys(LAVASRC_PREFIXES.isrc).sort()).toEqual(["deezer", "qobuz"]);
  });

  test.for([
    ["https://music.yandex.ru/album/3192570/track/1710808", "yandexmusic", "1710808"],
    ["https://music.yandex.com/track/33311009", "yandexmusic", "33311009"],
    ["https://vk.com/audio-2001234567_456239017", "vkmusic", "-2001234567_456239017"],
    ["https://tidal.com/browse/track/77640617", "tidal", "77640617"],
    ["https://listen.tidal.com/track/77640617", "tidal", "77640617"],
    ["https://open.qobuz.com/track/64868955", "qobuz", "64868955"],
    ["https://www.qobuz.com/fr-fr/track/64868955", "qobuz", "64868955"],
    ["https://www.jiosaavn.com/song/tum-hi-ho/EToxUyFpcwQ", "jiosaavn", "EToxUyFpcwQ"],
    ["https://open.spotify.com/intl-de/track/4uLU6hMCjMI75M1A2tKUQC", "spotify", "4uLU6hMCjMI75M1A2tKUQC"],
    ["https://www.deezer.com/en/track/3135556", "deezer", "3135556"],
  ] as const)("%s loads the %s track %s", async ([url, source, id], { sonora }) => {
    const result = await load(sonora, url);
    expect(result.loadType).toBe("track");
    if (result.loadType !== "track") return;
    expect(result.data.info).toMatchObject({ sourceName: source, identifier: id, isStream: false });
  });

  test.for([
    ["https://music.yandex.com/album/3192570", "yandexmusic", "album"],
    ["https://music.yandex.ru/artist/41075", "yandexmusic", "artist"],
    ["https://music.yandex.ru/users/music-blog/playlists/2142", "yandexmusic", "playlist"],
    ["https://vk.com/music/album/-2000428417_9428417_c1a8e2d0c1", "vkmusic", "album"],
    ["https://vk.com/music/playlist/-147845620_2455", "vkmusic", "playlist"],
    ["https://vk.com/artist/imaginedragons", "vkmusic", "artist"],
    ["https://tidal.com/browse/album/77640616", "tidal", "album"],
    ["https://tidal.com/browse/playlist/36ea71a8-445e-41a4-82ab-6628c581535d", "tidal", "playlist"],
    ["https://open.qobuz.com/album/0886443927087", "qobuz", "album"],
    ["https://play.qobuz.com/playlist/1141084", "qobuz", "playlist"],
    ["https://open.qobuz.com/artist/56211", "qobuz", "artist"],
    ["https://www.jiosaavn.com/album/aashiqui-2/pw1rYZM8CYk_", "jiosaavn", "album"],
    ["https://www.jiosaavn.com/featured/trending-today/I3kvhipIy73uCJW60TJk1Q__", "jiosaavn", "playlist"],
    ["https://www.jiosaavn.com/artist/arijit-singh-songs/LlRWpHzy3Hk_", "jiosaavn", "artist"],
  ] as const)(
    "%s loads a %s %s with LavaSrc's playlist pluginInfo",
    async ([url, source, type], { sonora }) => {
      const result = await load(sonora, url);
      expect(result.loadType).toBe("playlist");
      if (result.loadType !== "playlist") return;
      expect(result.data.tracks.length).toBeGreaterThan(0);
      expect(result.data.tracks.every((t) => t.info.sourceName === source)).toBe(true);
      expect(Object.keys(result.data.pluginInfo).sort()).toEqual([
        "artworkUrl",
        "author",
        "totalTracks",
        "type",
        "url",
      ]);
      expect(result.data.pluginInfo).toMatchObject({ type, totalTracks: result.data.tracks.length });
      if (type === "artist") expect(result.data.info.name).toMatch(/'s Top Tracks$/);
      // Every track of the collection loads the same by its own link.
      const first = result.data.tracks[0];
      if (first?.info.uri != null) {
        const again = await load(sonora, first.info.uri);
        expect(again.loadType === "track" && again.data.encoded).toBe(first.encoded);
      }
    },
  );

  test("a Tidal mix link is a plain playlist named after the mix", async ({ sonora }) => {
    const result = await load(sonora, "https://tidal.com/browse/mix/0011a6f4b6b8b2a7c8e1d8e9f3b2c1");
    expect(result.loadType === "playlist" && result.data.info.name).toBe(
      "Mix: 0011a6f4b6b8b2a7c8e1d8e9f3b2c1",
    );
    expect(result.loadType === "playlist" && result.data.pluginInfo).toEqual({});
  });

  test("preview prefixes load 30-second previews of their own source only", async ({ sonora }) => {
    for (const [prefix, inner] of [
      ["dzprev:", "dzsearch:daft punk"],
      ["spprev:", "https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC"],
      ["amprev:", "amsearch:daft punk"],
      ["jsprev:", "jssearch:daft punk"],
    ] as const) {
      const full = await load(sonora, inner);
      const preview = await load(sonora, `${prefix}${inner}`);
      expect(preview.loadType, prefix).toBe(full.loadType);
      const tracks =
        preview.loadType === "search" ? preview.data : preview.loadType === "track" ? [preview.data] : [];
      expect(tracks.length).toBeGreaterThan(0);
      for (const track of tracks) {
        expect(track.info.length).toBe(30_000);
        expect(track.pluginInfo.isPreview).toBe(true);
        expect(track.pluginInfo.previewUrl).toMatch(/^https:\/\//);
        expect(extendedFields(decodeTrack(track.encoded).sourceData).at(-1)).toBe(true);
      }
    }
    // Another source's identifier behind a preview prefix is not the prefix's manager's to strip.
    expect((await load(sonora, "spprev:dzsearch:daft punk")).loadType).toBe("empty");
  });

  test("Flowery TTS speaks the text of an ftts:// identifier", async ({ sonora, player }) => {
    const identifier = "ftts://Hello%20there?voice=Emma&speed=1.2";
    const result = await sonora.client.load(identifier);
    expect(result.loadType).toBe("track");
    const track = result.tracks[0];
    expect(track?.info).toMatchObject({
      title: "Hello there",
      author: "flowery-tts",
      identifier,
      sourceName: "flowery-tts",
      isStream: false,
      uri: null,
      artworkUrl: null,
      isrc: null,
      length: STREAM_LENGTH,
    });
    expect(track?.pluginInfo).toEqual({});
    expect(decodeTrack(track?.encoded ?? "").sourceData.length).toBe(0);
    await player.play(track ?? identifier);
    await sonora.settle();
    expect(sonora.nodePlayer()?.track?.info.sourceName).toBe("flowery-tts");

    const illegal = await load(sonora, "ftts://hello world");
    expect(illegal).toMatchObject({
      loadType: "error",
      data: {
        severity: "fault",
        cause: "java.net.URISyntaxException: Illegal character in authority at index 12: ftts://hello world",
      },
    });
    const long = await load(sonora, `ftts://${"a".repeat(2049)}`);
    expect(long.loadType === "error" && long.data.cause).toBe(
      "java.lang.IllegalArgumentException: Character limit per request exceeded",
    );
    expect((await load(sonora, "ftts://")).loadType).toBe("empty");
  });

  test("a mirrored Spotify track plays and ends cleanly", async ({ sonora, player }) => {
    const track = await sonora.loadTrack("spsearch:daft punk");
    const events: string[] = [];
    player.on("trackStart", () => events.push("start"));
    player.on("trackException", () => events.push("exception"));
    player.on("trackEnd", (_t, reason) => events.push(`end:${reason}`));
    await player.play(track);
    await sonora.advance(track.info.length + 1_000);
    expect(events).toEqual(["start", "end:finished"]);
    const errors = sonora.simulator.log.filter({ direction: "out" }).filter((e) => (e.status ?? 200) >= 400);
    expect(errors).toEqual([]);
  });

  test("every new source's extended bytes decode and re-encode exactly, matching pluginInfo", async ({
    sonora,
  }) => {
    for (const prefix of ["ymsearch:", "vksearch:", "tdsearch:", "qbsearch:", "jssearch:", "dzsearch:"]) {
      const result = await load(sonora, `${prefix}round trip`);
      if (result.loadType !== "search") throw new Error(`${prefix} found nothing`);
      for (const track of result.data) {
        const decoded = decodeTrack(track.encoded);
        expect(decoded.info).toEqual(track.info);
        expect(encodeTrack(decoded.info, { sourceData: decoded.sourceData })).toBe(track.encoded);
        const [albumName, albumUrl, artistUrl, artistArtworkUrl, previewUrl, isPreview] = extendedFields(
          decoded.sourceData,
        );
        expect({ albumName, albumUrl, artistUrl, artistArtworkUrl, previewUrl, isPreview }).toEqual(
          track.pluginInfo,
        );
      }
      // The node decodes them too.
      const res = await fetch(
        `${sonora.simulator.url}/v4/decodetrack?encodedTrack=${encodeURIComponent(result.data[0]?.encoded ?? "")}`,
        { headers: { Authorization: TEST_PASSWORD } },
      );
      expect(((await res.json()) as { info: unknown }).info).toEqual(result.data[0]?.info);
    }
  });
});

describe("a node without LavaSrc", () => {
  test("answers LavaSrc's identifiers as plain Lavalink does", async () => {
    await using sonora = await createTestEnvironment({ simulator: { plugins: ["lavasearch", "lyrics"] } });
    for (const identifier of [
      ...Object.values(LAVASRC_PREFIXES.search).map((p) => `${p}daft punk`),
      "sprec:4uLU6hMCjMI75M1A2tKUQC",
      "ymrec:33311009",
      "tdrec:",
      "dzisrc:USUM71703861",
      "qbisrc:USUM71703861",
      "dzprev:dzsearch:x",
      "ftts://hello",
    ]) {
      expect((await load(sonora, identifier)).loadType, identifier).toBe("empty");
    }
    // Their links reach lavaplayer's HTTP source, which finds no audio in a web page.
    for (const url of [
      "https://music.yandex.com/track/33311009",
      "https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC",
    ]) {
      expect(await load(sonora, url)).toMatchObject({
        loadType: "error",
        data: { message: "Unknown file format." },
      });
    }
    const info = await sonora.client.nodes.best().plugins.info();
    for (const name of LAVASRC_SOURCE_NAMES) expect(info.sourceManagers).not.toContain(name);
  });

  test("/v4/info of a node running LavaSrc lists every source manager it adds", async ({ sonora }) => {
    const info = await sonora.client.nodes.best().plugins.info();
    expect(info.sourceManagers).toEqual(expect.arrayContaining([...LAVASRC_SOURCE_NAMES]));
  });
});

/** What the `client/end-to-end` bench's fake node and its client processes agree on. */

/** The first guild's position in the last frame; no other frame carries it. */
export const SENTINEL_POSITION = 987_654_321;

/** The 1,000 guilds every client has a player for. */
export function e2eGuilds(): string[] {
  return Array.from({ length: 1_000 }, (_, i) => String(817327181659111454n + BigInt(i)));
}

/** The i-th playerUpdate frame the fake node streams (round robin over the guilds). */
export function e2eFrame(guilds: readonly string[], i: number): string {
  const guildId = guilds[i % guilds.length]!;
  return `{"op":"playerUpdate","guildId":"${guildId}","state":{"time":${1_704_067_200_000 + i},"position":${i},"connected":true,"ping":20}}`;
}

/**
 * The text of a `playerUpdate` frame, field for field in Lavalink's order. One function, so that
 * the frame a session sends and the frame its log gives back (rebuilt from the same numbers) are
 * the same bytes.
 */
export function playerUpdateFrame(
  guildId: string,
  time: number,
  position: number,
  connected: boolean,
  ping: number,
): string {
  return `{"op":"playerUpdate","guildId":"${guildId}","state":{"time":${time},"position":${position},"connected":${connected},"ping":${ping}}}`;
}

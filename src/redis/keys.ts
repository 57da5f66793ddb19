// Where the store keeps what in Redis, under one prefix (several bots can share a Redis).
//   <prefix>:players                 hash guildId → player record (JSON), every shard's guilds
//   <prefix>:nodes:<clientId>        hash node name → node session record (JSON), one per process
//   <prefix>:lease:<resource>        "<token>|<owner>", expires (the lease)
//   <prefix>:fence:<resource>        the last token handed out for the resource (only grows)
// where <resource> is `shard:<id>` or `client:<clientId>`. Players live in one hash, not one per
// shard, so that changing the shard count never strands records under an old layout.

/** The keys of one store prefix. */
export class RedisKeys {
  readonly players: string;
  constructor(readonly prefix: string) {
    this.players = `${prefix}:players`;
  }

  nodes(clientId: string): string {
    return `${this.prefix}:nodes:${clientId}`;
  }

  lease(resource: string): string {
    return `${this.prefix}:lease:${resource}`;
  }

  fence(resource: string): string {
    return `${this.prefix}:fence:${resource}`;
  }
}

/** The lease resource guarding the guilds of one shard. */
export function shardResource(shard: number): string {
  return `shard:${shard}`;
}

/** The lease resource guarding one client id's node sessions (and, unsharded, all its guilds). */
export function clientResource(clientId: string): string {
  return `client:${clientId}`;
}

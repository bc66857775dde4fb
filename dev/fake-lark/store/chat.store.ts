import type { FakeUser, MemberInput } from '../fake-lark.types.js';
import { newId, unionIdOf, userIdOf } from '../ids.js';

/** A group or p2p chat as the fake keeps it. */
export interface FakeChat {
  chatId: string;
  name: string;
  chatType: 'group' | 'p2p';
  /** Human members in join order; the bot is tracked by `botIsMember`. */
  members: FakeUser[];
  botIsMember: boolean;
}

/** Chats, their members, and every user the fake has heard of. */
export class ChatStore {
  private readonly chats = new Map<string, FakeChat>();
  private readonly users = new Map<string, FakeUser>();
  private readonly p2pByUser = new Map<string, string>();

  /** Creates a group chat with the bot in it and returns its `oc_` id. */
  create(input: { chatId?: string; name: string; members: MemberInput[] }): string {
    const chatId = input.chatId ?? newId('oc_');
    const chat: FakeChat = { chatId, name: input.name, chatType: 'group', members: [], botIsMember: true };
    this.chats.set(chatId, chat);
    for (const member of input.members) this.addMember(chatId, member);
    return chatId;
  }

  /** Adds (or renames) a member; unknown chats throw because that is a test bug. */
  addMember(chatId: string, member: MemberInput): FakeUser {
    const chat = this.require(chatId);
    const user = this.registerUser(member);
    const index = chat.members.findIndex((m) => m.openId === user.openId);
    if (index >= 0) chat.members[index] = user;
    else chat.members.push(user);
    return user;
  }

  /** Records a user in the directory (contact API) without putting them in a chat. */
  registerUser(member: MemberInput): FakeUser {
    const user: FakeUser = {
      openId: member.openId,
      name: member.name,
      unionId: unionIdOf(member.openId),
      userId: userIdOf(member.openId),
    };
    this.users.set(user.openId, user);
    return user;
  }

  /** Removes a human member. */
  removeMember(chatId: string, openId: string): void {
    const chat = this.require(chatId);
    chat.members = chat.members.filter((m) => m.openId !== openId);
  }

  /** Takes the bot out of the chat; sends then fail with 230002. */
  removeBot(chatId: string): void {
    this.require(chatId).botIsMember = false;
  }

  /** The p2p chat between the bot and a user, created on first use. */
  p2pChatOf(openId: string): FakeChat {
    const existing = this.p2pByUser.get(openId);
    if (existing) return this.require(existing);
    const user = this.users.get(openId) ?? this.registerUser({ openId, name: '' });
    const chat: FakeChat = {
      chatId: newId('oc_'),
      name: '',
      chatType: 'p2p',
      members: [user],
      botIsMember: true,
    };
    this.chats.set(chat.chatId, chat);
    this.p2pByUser.set(openId, chat.chatId);
    return chat;
  }

  get(chatId: string): FakeChat | undefined {
    return this.chats.get(chatId);
  }

  user(openId: string): FakeUser | undefined {
    return this.users.get(openId);
  }

  /** Every user the fake has heard of (the login page's choice). */
  listUsers(): FakeUser[] {
    return [...this.users.values()];
  }

  list(): FakeChat[] {
    return [...this.chats.values()];
  }

  clear(): void {
    this.chats.clear();
    this.users.clear();
    this.p2pByUser.clear();
  }

  private require(chatId: string): FakeChat {
    const chat = this.chats.get(chatId);
    if (!chat) throw new Error(`fake-lark: no chat ${chatId}`);
    return chat;
  }
}

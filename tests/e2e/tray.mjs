// A StatusNotifier host for the tests: it owns org.kde.StatusNotifierWatcher on the session bus
// (as a desktop's panel would), so Keyledger's tray icon registers with it over D-Bus, and the
// tray's menu (com.canonical.dbusmenu) can be read and clicked like a panel does.
import dbus from 'dbus-next';

const { Message, Variant } = dbus;
const WATCHER = 'org.kde.StatusNotifierWatcher';
const PATH = '/StatusNotifierWatcher';
const INTROSPECTION = `<node><interface name="${WATCHER}">
<method name="RegisterStatusNotifierItem"><arg type="s" direction="in"/></method>
<method name="RegisterStatusNotifierHost"><arg type="s" direction="in"/></method>
<property name="RegisteredStatusNotifierItems" type="as" access="read"/>
<property name="IsStatusNotifierHostRegistered" type="b" access="read"/>
<property name="ProtocolVersion" type="i" access="read"/>
<signal name="StatusNotifierItemRegistered"><arg type="s"/></signal>
<signal name="StatusNotifierHostRegistered"/>
</interface></node>`;

/** Starts the host; `items()` are the registered icons as { service, path }. */
export async function startTrayHost() {
  const bus = dbus.sessionBus();
  const items = [];
  const props = () => ({
    RegisteredStatusNotifierItems: new Variant('as', items.map((i) => `${i.service}${i.path}`)),
    IsStatusNotifierHostRegistered: new Variant('b', true),
    ProtocolVersion: new Variant('i', 0),
  });
  bus.addMethodHandler((msg) => {
    if (msg.path !== PATH) return false;
    const reply = (signature = '', body = []) => bus.send(Message.newMethodReturn(msg, signature, body));
    switch (`${msg.interface}.${msg.member}`) {
      case `${WATCHER}.RegisterStatusNotifierItem`: {
        const arg = msg.body[0];
        const item = arg.startsWith('/') ? { service: msg.sender, path: arg } : { service: arg, path: '/StatusNotifierItem' };
        items.push(item);
        reply();
        bus.send(Message.newSignal(PATH, WATCHER, 'StatusNotifierItemRegistered', 's', [`${item.service}${item.path}`]));
        return true;
      }
      case `${WATCHER}.RegisterStatusNotifierHost`:
        reply();
        return true;
      case 'org.freedesktop.DBus.Properties.Get':
        reply('v', [props()[msg.body[1]]]);
        return true;
      case 'org.freedesktop.DBus.Properties.GetAll':
        reply('a{sv}', [props()]);
        return true;
      case 'org.freedesktop.DBus.Introspectable.Introspect':
        reply('s', [INTROSPECTION]);
        return true;
      default:
        return false;
    }
  });
  await bus.requestName(WATCHER, 0);
  bus.send(Message.newSignal(PATH, WATCHER, 'StatusNotifierHostRegistered'));

  /**
   * The menu of the newest registered icon that is still there: an app of an earlier test that is
   * still shutting down may register with this host too, before the app under test does.
   */
  async function menu() {
    for (const item of [...items].reverse()) {
      try {
        const obj = await bus.getProxyObject(item.service, item.path);
        const path = (await obj.getInterface('org.freedesktop.DBus.Properties').Get('org.kde.StatusNotifierItem', 'Menu')).value;
        const menuObj = await bus.getProxyObject(item.service, path);
        return menuObj.getInterface('com.canonical.dbusmenu');
      } catch {
        // Gone: the previous one, then.
      }
    }
    throw new Error('no tray icon registered');
  }

  /** The menu's entries, in order: { id, label, enabled }. */
  async function entries() {
    const [, layout] = await (await menu()).GetLayout(0, -1, []);
    const out = [];
    const walk = ([id, properties, children]) => {
      if (properties.label) {
        out.push({ id, label: properties.label.value.replace(/_/g, ''), enabled: properties.enabled?.value !== false });
      }
      for (const child of children) walk(child.value);
    };
    walk(layout);
    return out;
  }

  return {
    items: () => items,
    entries,
    /** Clicks the entry with this label, as a panel does. */
    async click(label) {
      const entry = (await entries()).find((e) => e.label === label);
      if (!entry) throw new Error(`no "${label}" in the tray menu`);
      await (await menu()).Event(entry.id, 'clicked', new Variant('s', ''), Math.floor(Date.now() / 1000));
    },
    stop: () => bus.disconnect(),
  };
}

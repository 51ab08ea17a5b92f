package org.pmdl.model.engine;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A deep copy of a paused run's state (the {@link Machine} with its bus, regions, namespaces, media, pseries, ocxl,
 * hotplug, persistence and dmesg, the step handlers and the results so far), so that the copy and the original go on
 * independently. The model's classes stay plain: instead of a {@code copy()} in each of its ~45 stateful classes,
 * whose shared objects (one Dmesg and one Media behind every subsystem, a Region behind papr_scm and the bus) each
 * copy would have to map again, the object graph is copied once here, each object once, so sharing stays sharing.
 *
 * <p>What it copies: the model's own classes field by field and its records component by component (a record whose
 * components come back unchanged is shared); the JDK's collections, arrays and BitSets it knows by kind. Values are
 * shared, never copied: what the user declared and asked for ({@code topology}, {@code scenario}), the catalogs
 * ({@code rules}, {@code kernel}, {@code platform}), the results of steps already run, strings, numbers and enums;
 * so are unmodifiable collections of them. Anything else (a lambda, a JDK class it does not know) is refused with an
 * {@link IllegalStateException} naming it, so a new kind of state fails the copy tests (SteppedRunCopyTest) instead
 * of being shared by mistake.
 */
final class StateCopy {
    private static final String MODEL = "org.pmdl.model.";
    /** The model's packages and classes whose objects are values: never changed once made. */
    private static final List<String> VALUE_PACKAGES = List.of(MODEL + "topology.", MODEL + "scenario.",
            MODEL + "rules.", MODEL + "kernel.", MODEL + "platform.", MODEL + "SourceRef");
    private static final Set<Class<?>> VALUE_CLASSES = Set.of(StepResult.class, ScenarioResult.class,
            ExpectationResult.class, RunOptions.class, String.class, Integer.class, Long.class, Boolean.class,
            Double.class, Character.class, Byte.class, Short.class, Float.class, java.math.BigInteger.class,
            Class.class);
    /** Allocates an object without running a constructor (its fields are all copied after). */
    private static final MethodHandle ALLOCATE = allocator();
    private static final ClassValue<Field[]> FIELDS = new ClassValue<>() {
        @Override
        protected Field[] computeValue(Class<?> type) {
            return fields(type);
        }
    };
    private static final ClassValue<RecordShape> RECORDS = new ClassValue<>() {
        @Override
        protected RecordShape computeValue(Class<?> type) {
            return RecordShape.of(type);
        }
    };
    private static final ClassValue<Boolean> VALUE = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return isValue(type);
        }
    };

    private final Map<Object, Object> copies = new IdentityHashMap<>();

    private StateCopy() {
    }

    /** A copy of {@code root} and everything it holds that can change; what they share stays shared in the copy. */
    @SuppressWarnings("unchecked")
    static <T> T of(T root) {
        return (T) new StateCopy().copy(root);
    }

    private Object copy(Object o) {
        if (o == null || VALUE.get(o.getClass())) {
            return o;
        }
        Object done = copies.get(o);
        if (done != null) {
            return done;
        }
        Class<?> type = o.getClass();
        if (type.isArray()) {
            return array(o, type);
        }
        if (o instanceof Collection<?> || o instanceof Map<?, ?> || o instanceof BitSet || o instanceof Optional<?>) {
            return jdk(o);
        }
        if (type.isHidden() || !type.getName().startsWith(MODEL)) {
            throw new IllegalStateException("a run's state cannot be copied: it holds a " + type.getName());
        }
        return type.isRecord() ? record(o, type) : object(o, type);
    }

    private static boolean isValue(Class<?> type) {
        if (type.isEnum() || type.isPrimitive() || VALUE_CLASSES.contains(type)
                || (type.getSuperclass() != null && type.getSuperclass().isEnum())) { // an enum constant's body
            return true;
        }
        String name = type.getName();
        return VALUE_PACKAGES.stream().anyMatch(name::startsWith);
    }

    private Object array(Object o, Class<?> type) {
        int length = Array.getLength(o);
        Object copy = Array.newInstance(type.getComponentType(), length);
        copies.put(o, copy);
        if (type.getComponentType().isPrimitive()) {
            System.arraycopy(o, 0, copy, 0, length);
        } else {
            for (int i = 0; i < length; i++) {
                Array.set(copy, i, copy(Array.get(o, i)));
            }
        }
        return copy;
    }

    /** The JDK's containers the model uses, rebuilt with the same kind, order and comparator. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object jdk(Object o) {
        Object copy;
        if (o instanceof BitSet b) {
            copy = b.clone();
        } else if (o instanceof Optional<?> opt) {
            Object value = opt.map(this::copy).orElse(null);
            copy = opt.isEmpty() || value == opt.get() ? o : Optional.of(value);
        } else if (o instanceof ArrayList || o instanceof LinkedList || o instanceof ArrayDeque
                || o instanceof HashSet || o instanceof TreeSet) { // LinkedHashSet is a HashSet
            Collection<Object> c = o instanceof ArrayList ? new ArrayList<>(((Collection<?>) o).size())
                    : o instanceof LinkedList ? new LinkedList<>() : o instanceof ArrayDeque ? new ArrayDeque<>()
                    : o instanceof LinkedHashSet ? new LinkedHashSet<>() : o instanceof TreeSet t
                    ? new TreeSet<>(t.comparator()) : new HashSet<>();
            copies.put(o, c);
            ((Collection<?>) o).forEach(e -> c.add(copy(e)));
            copy = c;
        } else if (o instanceof HashMap || o instanceof TreeMap || o instanceof IdentityHashMap
                || o instanceof EnumMap) { // LinkedHashMap is a HashMap
            Map<Object, Object> m = o instanceof LinkedHashMap ? new LinkedHashMap<>() : o instanceof HashMap
                    ? new HashMap<>() : o instanceof TreeMap t ? new TreeMap<>(t.comparator())
                    : o instanceof EnumMap e ? new EnumMap(e) : new IdentityHashMap<>();
            copies.put(o, m);
            ((Map<?, ?>) o).forEach((k, v) -> m.put(copy(k), copy(v)));
            copy = m;
        } else if (isImmutable(o)) {
            copy = immutable(o);
        } else {
            throw new IllegalStateException("a run's state cannot be copied: it holds a " + o.getClass().getName());
        }
        copies.put(o, copy);
        return copy;
    }

    /**
     * List.of, Map.of, Set.of and their copyOf, the empty and single collections, and the unmodifiable views, which
     * the model makes of collections it no longer changes (a view of one it changes, as a Region's namespaces, is
     * made per call, never kept: the view cannot be copied apart from what it shows).
     */
    private static boolean isImmutable(Object o) {
        String name = o.getClass().getName();
        return name.startsWith("java.util.ImmutableCollections$") || name.startsWith("java.util.Collections$Empty")
                || name.startsWith("java.util.Collections$Singleton")
                || name.startsWith("java.util.Collections$Unmodifiable");
    }

    /** An unmodifiable collection is shared unless it holds something that changes, then rebuilt of the copies. */
    private Object immutable(Object o) {
        if (o instanceof Map<?, ?> m) {
            if (m.entrySet().stream().allMatch(e -> copy(e.getKey()) == e.getKey()
                    && copy(e.getValue()) == e.getValue())) {
                return o;
            }
            Map<Object, Object> copied = new LinkedHashMap<>();
            m.forEach((k, v) -> copied.put(copy(k), copy(v)));
            return Map.copyOf(copied);
        }
        Collection<?> c = (Collection<?>) o;
        if (c.stream().allMatch(e -> copy(e) == e)) {
            return o;
        }
        List<Object> copied = c.stream().map(this::copy).toList();
        return o instanceof Set ? Set.copyOf(copied) : copied;
    }

    /** A record of the model: shared when every component comes back the same, else made again of the copies. */
    private Object record(Object o, Class<?> type) {
        RecordShape shape = RECORDS.get(type);
        if (shape.valuesOnly()) {
            return o;
        }
        Object[] values = new Object[shape.accessors().length];
        boolean same = true;
        try {
            for (int i = 0; i < values.length; i++) {
                Object value = shape.accessors()[i].invoke(o);
                values[i] = copy(value);
                same &= values[i] == value;
            }
            Object copy = same ? o : shape.canonical().newInstance(values);
            copies.put(o, copy);
            return copy;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("copying a " + type.getName() + ": " + e, e);
        }
    }

    /**
     * How a record class is read and made, looked up once per class; {@code valuesOnly} when every component's type
     * is a value (a record of strings and numbers is shared without reading it).
     */
    private record RecordShape(boolean valuesOnly, Method[] accessors, Constructor<?> canonical) {
        static RecordShape of(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            Method[] accessors = new Method[components.length];
            Class<?>[] types = new Class<?>[components.length];
            boolean valuesOnly = true;
            for (int i = 0; i < components.length; i++) {
                accessors[i] = components[i].getAccessor();
                accessors[i].setAccessible(true);
                types[i] = components[i].getType();
                valuesOnly &= VALUE.get(types[i]) && (types[i].isPrimitive() || isFinal(types[i]));
            }
            try {
                Constructor<?> canonical = type.getDeclaredConstructor(types);
                canonical.setAccessible(true);
                return new RecordShape(valuesOnly, accessors, canonical);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(type.getName() + " has no canonical constructor", e);
            }
        }

        /** A declared type that no subclass can widen (a value's declared interface could hold a mutable object). */
        private static boolean isFinal(Class<?> type) {
            return Modifier.isFinal(type.getModifiers()) || type.isEnum() || type.isRecord();
        }
    }

    /** An object of the model's classes: a blank one of its class, then every field copied into it. */
    private Object object(Object o, Class<?> type) {
        try {
            Object copy = ALLOCATE.invoke(type);
            copies.put(o, copy); // before its fields: they may lead back to it
            for (Field f : FIELDS.get(type)) {
                f.set(copy, copy(f.get(o)));
            }
            return copy;
        } catch (Throwable e) {
            if (e instanceof IllegalStateException state) {
                throw state;
            }
            throw new IllegalStateException("copying a " + type.getName() + ": " + e, e);
        }
    }

    /** Every instance field of the class and its superclasses within the model. */
    private static Field[] fields(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = type; c != null && c.getName().startsWith(MODEL); c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    f.setAccessible(true);
                    fields.add(f);
                }
            }
        }
        return fields.toArray(Field[]::new);
    }

    /** sun.misc.Unsafe#allocateInstance (module jdk.unsupported), looked up once. */
    private static MethodHandle allocator() {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field theUnsafe = unsafeClass.getDeclaredField("theUnsafe");
            theUnsafe.setAccessible(true);
            return MethodHandles.lookup().findVirtual(unsafeClass, "allocateInstance",
                    MethodType.methodType(Object.class, Class.class)).bindTo(theUnsafe.get(null));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}

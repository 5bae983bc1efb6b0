package org.verifikimporter.domain;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * An iterator over something read one element ahead: {@link #fetch} reads the next element (null at the
 * end), and {@link #hasNext} keeps it until {@link #next} hands it out.
 */
public abstract class Lookahead<T> implements Iterator<T> {

    private T next;

    /** Reads the next element; null once there is none (it may be asked again after that). */
    protected abstract T fetch();

    @Override
    public final boolean hasNext() {
        if (next == null) {
            next = fetch();
        }
        return next != null;
    }

    @Override
    public final T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        T element = next;
        next = null;
        return element;
    }
}

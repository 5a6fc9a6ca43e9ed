package com.cksconsole.session;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.AbstractFlashMapManager;

/**
 * Keeps the flash attributes of a redirect (a message, a refused form with its errors) in
 * the session like Spring's {@code SessionFlashMapManager}, but through
 * {@link SessionVault}: encrypted under the browser's key. The session lives in the
 * database so that the page after the redirect may be served by another instance, and a
 * refused form may hold what the operator typed, a secret included.
 */
@Component(DispatcherServlet.FLASH_MAP_MANAGER_BEAN_NAME)
class SealedFlashMapManager extends AbstractFlashMapManager {

    private static final String ATTRIBUTE = SealedFlashMapManager.class.getName() + ".flashMaps";

    private final SessionVault vault;

    SealedFlashMapManager(SessionVault vault) {
        this.vault = vault;
    }

    /**
     * None: with a mutex, Spring reads the maps again before removing the one it used,
     * and removes by equality; a deserialized copy of a refused form's errors is not
     * equal to another copy (Bean Validation's message arguments compare by identity), so
     * the used map would stay and be used again. Without one, it removes from the list it
     * read.
     */
    @Override
    protected @Nullable Object getFlashMapsMutex(HttpServletRequest request) {
        return null;
    }

    @Override
    protected @Nullable List<FlashMap> retrieveFlashMaps(HttpServletRequest request) {
        var session = request.getSession(false);
        if (session == null) {
            return null;
        }
        return vault.read(request, session, ATTRIBUTE, FlashMaps.class).map(FlashMaps::maps).orElse(null);
    }

    /**
     * Keeps the list, sealed, even when the last map was used and it is empty: the
     * attribute is not removed. Spring Session JDBC writes an attribute a request loaded
     * and then changed with a plain {@code UPDATE} (only its {@code INSERT} of a new one
     * is an upsert, see {@code SessionStoreConfiguration}), which finds no row once a
     * removal's {@code DELETE} ran, and says nothing. So, when one request uses the last
     * map while another request of the same session (another tab, another instance) adds
     * one to the list both loaded, a removal would lose the added map whichever request
     * is saved first; with the row kept, the later save wins, as for any other attribute.
     * A removal would save no write either (a {@code DELETE} instead of an
     * {@code UPDATE}), only the reading of an empty list by later requests.
     */
    @Override
    protected void updateFlashMaps(List<FlashMap> flashMaps, HttpServletRequest request, HttpServletResponse response) {
        vault.update(request, response, request.getSession(), ATTRIBUTE, FlashMaps.class, FlashMaps::new, held -> {
            held.maps().clear();
            return held.maps().addAll(flashMaps);
        });
    }

    /** The flash maps waiting for their redirect target. */
    private record FlashMaps(ArrayList<FlashMap> maps) implements java.io.Serializable {

        FlashMaps() {
            this(new ArrayList<>());
        }

    }

}
